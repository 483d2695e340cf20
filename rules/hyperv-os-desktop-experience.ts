import { defineRule, isUnknown, noParams, result } from '../src/rules/kit/define.js';

export default defineRule({
  id: 'hyperv-os-desktop-experience',
  title: 'The management OS runs Desktop Experience instead of Server Core',
  severity: 'low',
  platforms: ['hyperv'],
  category: 'management-exposure',
  rationale:
    'Server Core leaves out the shell, browser engines and GUI components, which shrinks the code and the patch surface of the partition that controls every VM.',
  risk: 'More code in the management partition means more vulnerabilities and more reasons to log on to the host interactively.',
  remediation: {
    text: 'Reinstall the host with the Server Core installation option (the option cannot be changed in place since Windows Server 2016).',
  },
  references: {
    bpa: ['The Server Core installation option is recommended for servers running Hyper-V'],
    urls: [
      'https://learn.microsoft.com/en-us/windows-server/virtualization/hyper-v/plan/plan-hyper-v-security-in-windows-server',
    ],
  },
  params: noParams,
  evaluate(facts) {
    const type = facts.hyperv.os.installationType;
    const path = 'hyperv.os.installationType';
    if (isUnknown(type)) return result.unknown(path, type);
    return /core/i.test(type)
      ? result.pass(path, 'The management OS is a Server Core installation.', type, 'Server Core')
      : result.fail(path, `The management OS is a "${type}" installation (Desktop Experience).`, type, 'Server Core');
  },
});
