import { main } from './main.js';

// The only place that exits (through src/main.ts).
main(process.argv.slice(2));
