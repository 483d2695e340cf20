/**
 * The collector's launch framing in public: the command line hvscan runs and the frame its one output line carries.
 * The lab's Hyper-V hosts answer that command with a framed document through this module alone (eslint.config.js
 * keeps the lab out of the rest of the collector).
 */
export { frameDocument, LAUNCH_COMMAND } from './launch.js';
