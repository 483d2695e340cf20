import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';
import { isAutomaticStart } from '../src/rules/kit/helpers.js';

export default defineRule({
  id: 'hyperv-vmms-not-automatic',
  title: 'The Hyper-V Virtual Machine Management service is not running or not set to start automatically',
  severity: 'medium',
  platforms: ['hyperv'],
  category: 'resilience',
  rationale:
    'VMMS manages every VM on the host; when it is stopped or manual, VMs cannot be managed and may not start after a reboot.',
  risk: 'VMs stay down after maintenance or cannot be managed during an incident.',
  remediation: {
    text: 'Set VMMS to start automatically and start it.',
    powershell: 'Set-Service vmms -StartupType Automatic; Start-Service vmms',
  },
  references: {
    bpa: [
      'The Hyper-V Virtual Machine Management Service should be configured to start automatically',
      'The Hyper-V Virtual Machine Management Service must be running',
    ],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const installed = facts.hyperv.role.hypervInstalled;
    if (installed === false)
      return result.notApplicable('hyperv.role.hypervInstalled', 'The Hyper-V role is not installed.');
    const vmms = facts.hyperv.role.vmms;
    const path = 'hyperv.role.vmms';
    if (isUnknown(vmms)) return result.unknown(path, vmms);
    const running = /^running$/i.test(vmms.state);
    // A service that is not running fails whatever its start mode; a running one needs the mode.
    if (running && isUnknown(vmms.startMode))
      return result.unknown(path, `VMMS is running; its start mode is unknown: ${vmms.startMode.reason}`);
    const startMode = isUnknown(vmms.startMode) ? null : vmms.startMode;
    const modeText = isUnknown(vmms.startMode) ? `unknown (${vmms.startMode.reason})` : vmms.startMode;
    const observed = { state: vmms.state, startMode };
    const expected = { state: 'Running', startMode: 'Auto' };
    return running && isAutomaticStart(startMode ?? undefined)
      ? result.pass(path, 'VMMS is running and starts automatically.', observed, expected)
      : result.fail(path, `VMMS is ${vmms.state} with start mode ${modeText}.`, observed, expected);
  },
});
