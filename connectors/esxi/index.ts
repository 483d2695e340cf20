import type { VsphereTarget } from '../../src/core/config/schema.js';
import type { Connector } from '../../src/core/connector/types.js';
import { collectVsphere } from './collect.js';

/**
 * ESXi and vCenter over the vSphere API: vim25 SOAP on every host, the vCenter REST API for host discovery and
 * VI/JSON where a vCenter >= 8.0.1 offers it. A standalone host yields one HostFacts; a vCenter one per host.
 */
export const esxiConnector: Connector<VsphereTarget> = {
  id: 'esxi',
  async collect(target, context) {
    return (await collectVsphere(target, context)).hosts;
  },
};

export { collectVsphere };
