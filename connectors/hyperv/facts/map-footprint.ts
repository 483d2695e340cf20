import type { z } from 'zod';
import { isUnknown, unknown, type Footprint, type UnknownFact } from '../../../src/core/model/index.js';
import { distinctImages, footprintMeasure, type CountedImage } from '../../../src/core/model/footprint.js';
import { kernelListener } from './data.js';
import type { Sections } from '../collector/document.js';
import { listeners, read, readError, type MapContext } from './map-context.js';
import { hypervisorImage } from './map-platform.js';

type Images = Sections['footprint'];
type Image = Images['kernel'][number];

const TCB_APPROXIMATION =
  'Hyper-V approximation (lower bound): kernel-mode libraries that are not driver services (ci.dll and the like) are not counted, nor the DLLs of a VM-management process that could not be opened or was not running.';

const SURFACE_APPROXIMATION =
  'Hyper-V approximation: the host firewall is not considered (a listening port may still be filtered); System-process (PID 4) endpoints are attributed to their kernel driver and service by port (data/footprint/windows-kernel-listeners.json); DLLs other than ServiceDlls are not counted.';

/** The management services that control every VM (vmwp, the per-VM worker, is counted from its image). */
const VM_MANAGEMENT_SERVICES = ['vmms', 'vmcompute'];
const SYSTEM_PID = 4;

function counted(image: Image, role: string, fallback: string): CountedImage {
  if (!image) return { item: fallback, role };
  return typeof image.bytes === 'number' ? { item: image.path, bytes: image.bytes, role } : { item: image.path, role };
}

const fileName = (path: string) => path.split('\\').pop()?.toLowerCase() ?? '';

/** The three measures of docs/footprint.md from the collector's footprint, hypervisorBinary and listening sections. */
export function mapFootprint(ctx: MapContext): z.infer<typeof Footprint> {
  const hv = hypervisorImage(ctx);
  const hypervisor: CountedImage | UnknownFact = isUnknown(hv)
    ? hv
    : { item: hv.path, bytes: hv.size, role: 'hypervisor' };
  const images = read(ctx, 'footprint');
  return {
    hypervisorCode: isUnknown(hypervisor) ? hypervisor : footprintMeasure([hypervisor]),
    trustedComputingBase: isUnknown(hypervisor)
      ? hypervisor
      : isUnknown(images)
        ? images
        : trustedComputingBase(ctx, hypervisor, images),
    managementSurface: isUnknown(images) ? images : managementSurface(ctx, images),
  };
}

function trustedComputingBase(ctx: MapContext, hypervisor: CountedImage, images: Images) {
  const list: CountedImage[] = [hypervisor];
  for (const k of images.kernel) list.push(counted(k, 'root partition kernel', 'kernel image'));
  for (const d of images.drivers)
    list.push(counted(d.image, `kernel driver ${d.name ?? '?'}`, `driver ${d.name ?? '?'} (no image path)`));
  for (const s of images.services.filter((s) => VM_MANAGEMENT_SERVICES.includes((s.name ?? '').toLowerCase()))) {
    list.push(counted(s.image, `VM management service ${s.name}`, `service ${s.name} (no image path)`));
  }
  list.push(counted(images.vmWorker, 'VM worker process (one per running VM)', 'vmwp.exe (not found)'));
  for (const m of images.vmManagementModules) {
    for (const image of m.images) list.push(counted(image, `loaded by ${m.process}`, 'module'));
    const error = readError(ctx, 'footprint', `modules:${m.process}`);
    if (error) list.push({ item: `DLLs of ${m.process} (${error})`, role: `loaded by ${m.process}` });
  }
  return footprintMeasure(distinctImages(list, true), TCB_APPROXIMATION);
}

const isLoopback = (address: string) => address === '::1' || address.startsWith('127.');

type Service = Images['services'][number];
type Endpoint = { pid?: number | null; process?: string | null; protocol: string; port: number };

/** A service's ServiceDll; when the collector could not read it, the service stays listed without a size. */
function serviceDll(ctx: MapContext, s: Service, endpoint: string): CountedImage | undefined {
  if (s.serviceDll) return counted(s.serviceDll, endpoint, `service ${s.name}`);
  const error = readError(ctx, 'footprint', `serviceDll:${s.name}`);
  return error ? { item: `service ${s.name} (${error})`, role: endpoint } : undefined;
}

/** Images of one endpoint: the driver and service a kernel listener stands for, or the process and its ServiceDlls. */
function endpointImages(ctx: MapContext, images: Images, { pid, process, protocol, port }: Endpoint): CountedImage[] {
  const endpoint = `${protocol}/${port}`;
  const serviceImages = (name: string) =>
    images.services.filter((s) => (s.name ?? '').toLowerCase() === name.toLowerCase());
  if (pid === SYSTEM_PID) {
    const known = kernelListener(protocol, port);
    if (!known) return [{ item: `kernel listener ${endpoint} (System process)`, role: endpoint }];
    const drivers = known.drivers.map((name) => {
      const found = images.drivers.find((d) => d.image && fileName(d.image.path) === name);
      return found
        ? counted(found.image, endpoint, name)
        : { item: `${name} (not among the running drivers)`, role: endpoint };
    });
    const services = known.services.flatMap((name) =>
      serviceImages(name).map((s) => serviceDll(ctx, s, endpoint) ?? counted(s.image, endpoint, `service ${name}`)),
    );
    return [...drivers, ...services];
  }
  const proc = images.processes.find((p) => p.pid === pid);
  const hosted = images.services.filter((s) => s.pid === pid);
  return [
    counted(
      proc?.image ?? null,
      endpoint,
      `process ${process ?? proc?.name ?? '?'} (pid ${pid ?? '?'}, no image path)`,
    ),
    ...hosted.map((s) => serviceDll(ctx, s, endpoint)).filter((i): i is CountedImage => i !== undefined),
  ];
}

function managementSurface(ctx: MapContext, images: Images) {
  // The same endpoints the exposure facts count: UDP sockets in the dynamic port range only send.
  const listening = listeners(ctx);
  if (isUnknown(listening)) return unknown(`listening endpoints unknown: ${listening.reason}`);
  // One entry per image, with every endpoint it serves as its role.
  const byImage = new Map<string, CountedImage>();
  for (const l of listening.items.filter((i) => !isLoopback(i.address))) {
    for (const image of endpointImages(ctx, images, l)) {
      const key = image.item.toLowerCase();
      const seen = byImage.get(key);
      if (!seen) byImage.set(key, image);
      else if (image.role && !seen.role?.split(', ').includes(image.role)) seen.role = `${seen.role}, ${image.role}`;
    }
  }
  return footprintMeasure([...byImage.values()], SURFACE_APPROXIMATION);
}
