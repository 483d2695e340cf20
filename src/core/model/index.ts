export * from './fact.js';
export * from './common.js';
export * from './esxi.js';
export * from './hyperv.js';
export * from './host.js';
export * from './finding.js';
export * from './footprint.js';
