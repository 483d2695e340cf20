import type { VsphereTarget } from '../../src/core/config/schema.js';
import type { Connector } from '../../src/core/connector/types.js';
import { collectVsphere } from './collect.js';

/**
 * ESXi and vCenter over the vSphere API: vim25 SOAP on every host, the vCenter REST API for host discovery and
 * VI/JSON where a vCenter >= 8.0.1 offers it. A standalone host hands on one HostFacts; a vCenter one per host, each
 * as soon as it is mapped.
 */
export const esxiConnector: Connector<VsphereTarget> = {
  id: 'esxi',
  async collect(target, context) {
    await collectVsphere(target, context);
  },
};

export { collectVsphere };
