import { z } from 'zod';
import { defineRule, result } from '../src/rules/kit/define.js';
import { withFact } from '../src/rules/kit/esxi-facts.js';

const DAY_MS = 86_400_000;

export default defineRule({
  id: 'esxi-certificate-expiry',
  title: 'The ESXi host TLS certificate has expired or expires soon',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'certificates',
  rationale:
    'An expired host certificate breaks vCenter management and teaches administrators to click through certificate warnings.',
  risk: 'Loss of management connectivity; users trained to accept untrusted certificates (man-in-the-middle).',
  remediation: {
    text: 'Renew the host certificate from vCenter (Host > Configure > Certificate > Renew) or install a new CA-signed certificate.',
    powercli:
      'Get-VIMachineCertificate -VMHost $vmhost; Set-VIMachineCertificate -VMHost $vmhost -PemCertificate (Get-Content host.pem -Raw)',
  },
  references: { stig: ['ESXI-80-000229'] },
  params: z
    .object({
      warnDays: z.number().int().min(0).default(30).describe('Days before expiry at which the certificate is flagged.'),
    })
    .strict(),
  evaluate: (esxi, params, ctx) =>
    withFact('esxi.certificate', esxi.esxi.certificate, (cert) => {
      const path = 'esxi.certificate.notAfter';
      const notAfter = Date.parse(cert.notAfter);
      if (Number.isNaN(notAfter)) return result.unknown(path, `certificate notAfter "${cert.notAfter}" is not a date`);
      const msLeft = notAfter - ctx.now.getTime();
      const days = Math.floor(Math.abs(msLeft) / DAY_MS);
      const expected = `more than ${params.warnDays} days left`;
      if (msLeft < 0)
        return {
          ...result.fail(
            path,
            `host certificate expired ${days} day(s) ago (${cert.notAfter})`,
            cert.notAfter,
            expected,
          ),
          severity: 'high',
        };
      if (days <= params.warnDays)
        return result.fail(
          path,
          `host certificate expires in ${days} day(s) (${cert.notAfter})`,
          cert.notAfter,
          expected,
        );
      return result.pass(path, `host certificate valid for ${days} more day(s)`, cert.notAfter, expected);
    }),
});
