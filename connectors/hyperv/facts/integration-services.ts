/**
 * Hyper-V integration services by the GUID that ends VMIntegrationComponent.Id ("Microsoft:<VMId>\<GUID>"). Their
 * Name is localized with the host's UI language (German: "Gastdienstschnittstelle"), the GUID is not. Names as an
 * English host prints them; GUIDs as hashicorp/packer's Hyper-V driver enables each service by Id
 * (builder/hyperv/common/powershell/hyperv/hyperv.go, EnableVirtualMachineIntegrationService).
 */
export const INTEGRATION_SERVICE_NAMES: Readonly<Record<string, string>> = {
  '84EAAE65-2F2E-45F5-9BB5-0E857DC8EB47': 'Heartbeat',
  '9F8233AC-BE49-4C79-8EE3-E7E1985B2077': 'Shutdown',
  '2497F4DE-E9FA-4204-80E4-4B75C46419C0': 'Time Synchronization',
  '2A34B1C2-FD73-4043-8A5B-DD2159BC743F': 'Key-Value Pair Exchange',
  '5CED1297-4598-4915-A5FC-AD21BB4D02A4': 'VSS',
  '6C09BB55-D683-4DA0-8931-C9BF705F6480': 'Guest Service Interface',
};

/** The English name for a known GUID, with the host's own name kept when it differs (a localized host). */
export function integrationServiceName(
  id: string | null | undefined,
  hostName: string,
): { name: string; id?: string; localizedName?: string } {
  const english = id ? INTEGRATION_SERVICE_NAMES[id.toUpperCase()] : undefined;
  if (!english) return id ? { name: hostName, id: id.toUpperCase() } : { name: hostName };
  return english === hostName
    ? { name: english, id: id!.toUpperCase() }
    : { name: english, id: id!.toUpperCase(), localizedName: hostName };
}
