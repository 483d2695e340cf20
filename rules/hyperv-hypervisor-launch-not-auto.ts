import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-hypervisor-launch-not-auto',
  title: 'The boot entry does not start the Hyper-V hypervisor',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'boot-integrity',
  rationale:
    'hypervisorlaunchtype Auto in the boot entry starts the hypervisor at boot; Off (or no value) leaves the Hyper-V role without its hypervisor (BCDEdit /set hypervisorlaunchtype).',
  risk: 'Without the hypervisor no VM starts, and virtualization-based security (HVCI, Credential Guard) cannot run on the host.',
  remediation: {
    text: 'Set hypervisorlaunchtype to Auto and restart the host.',
    powershell: 'bcdedit /set hypervisorlaunchtype auto',
  },
  references: {
    urls: [
      'https://learn.microsoft.com/en-us/windows-hardware/drivers/devtest/bcdedit--set',
      'https://learn.microsoft.com/en-us/windows/security/hardware-security/enable-virtualization-based-protection-of-code-integrity',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const path = 'hyperv.hypervisorLaunchType';
    if (facts.hyperv.role.hypervInstalled === false)
      return result.notApplicable('hyperv.role.hypervInstalled', 'The Hyper-V role is not installed.');
    const launch = facts.hyperv.hypervisorLaunchType;
    if (isUnknown(launch)) return result.unknown(path, launch);
    return launch.toLowerCase() === 'auto'
      ? result.pass(path, 'The boot entry starts the hypervisor (hypervisorlaunchtype Auto).', launch, 'Auto')
      : result.fail(path, `hypervisorlaunchtype is ${launch}: the hypervisor does not start at boot.`, launch, 'Auto');
  },
});
