import type { ObjectContent } from '../property/property.js';
import type { HostRaw } from './retrieve.js';
import { isMoRef, list, refKey } from '../vim25/value.js';

/**
 * Puts hosts together from the host pass's pages as they arrive: a host is whole once its own properties, every VM
 * its `vm` property lists and every network those VMs name have come. The property collector promises no order
 * across pages, so a host whose pieces are still out waits (a host without a `vm` list waits for the last page);
 * whole hosts leave at once, so a vCenter's hosts are never all held.
 */
export class HostAssembly {
  /** Hosts whose VMs or networks have not all come. */
  private readonly waiting = new Map<string, HostRaw>();
  /** Every host that came: a server repeating one on later pages hands it on once. */
  private readonly seen = new Set<string>();
  /** VMs that came before their host (by `runtime.host`). */
  private readonly early = new Map<string, ObjectContent[]>();
  /** Network and port-group names, shared by every host's VMs (one network can serve many hosts). */
  readonly networkNames = new Map<string, string>();

  constructor(private readonly newHost: (content: ObjectContent, networkNames: Map<string, string>) => HostRaw) {}

  /** Takes one page; returns the hosts it made whole. */
  add(page: ObjectContent[]): HostRaw[] {
    for (const c of page) {
      const key = refKey(c.obj);
      if (c.obj.type === 'Network' || c.obj.type === 'DistributedVirtualPortgroup') {
        // ManagedEntity.name is required; a network without one stays out, and the VM counts say so.
        if (typeof c.props.name === 'string') this.networkNames.set(key, c.props.name);
      } else if (c.obj.type === 'HostSystem') {
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        const host = this.newHost(c, this.networkNames);
        host.vms.push(...(this.early.get(key) ?? []));
        this.early.delete(key);
        this.waiting.set(key, host);
      } else if (c.obj.type === 'VirtualMachine') {
        const owner = c.props['runtime.host'];
        if (!isMoRef(owner)) continue;
        const host = this.waiting.get(refKey(owner));
        if (host) host.vms.push(c);
        else {
          const early = this.early.get(refKey(owner)) ?? [];
          early.push(c);
          this.early.set(refKey(owner), early);
        }
      }
    }
    const whole = [...this.waiting.values()].filter((host) => this.isWhole(host));
    for (const host of whole) this.waiting.delete(refKey(host.ref));
    return whole;
  }

  /** After the last page: every host still waiting, with what came for it. */
  rest(): HostRaw[] {
    const rest = [...this.waiting.values()];
    this.waiting.clear();
    this.early.clear();
    return rest;
  }

  private isWhole(host: HostRaw): boolean {
    const listed = host.props.vm;
    if (listed === undefined) return false;
    const came = new Set(host.vms.map((vm) => refKey(vm.obj)));
    if (
      !list(listed)
        .filter(isMoRef)
        .every((vm) => came.has(refKey(vm)))
    )
      return false;
    return host.vms.every((vm) =>
      list(vm.props.network)
        .filter(isMoRef)
        .every((net) => this.networkNames.has(refKey(net))),
    );
  }
}
