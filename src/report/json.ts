import type { ReportWriter } from './index.js';

/** The contract format: the report exactly as schemas/report.schema.json describes it. */
export const jsonWriter: ReportWriter = {
  format: 'json',
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
