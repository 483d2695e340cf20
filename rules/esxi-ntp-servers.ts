import { z } from 'zod';
import { defineRule } from '../src/rules/define.js';
import { onEsxi, verdict, withFact } from '../src/rules/esxi-facts.js';

export default defineRule({
  id: 'esxi-ntp-servers',
  title: 'ESXi has too few NTP servers or servers outside the approved list',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'time',
  rationale: 'SCG wants at least two site NTP sources so that one bad clock can be outvoted; STIG wants the approved servers only.',
  risk: 'A single or rogue time source can shift the host clock, breaking Kerberos, certificates and log timelines.',
  remediation: {
    text: 'Configure at least two approved NTP servers.',
    esxcli: 'esxcli system ntp set --server=ntp1.example --server=ntp2.example --enabled=true',
    powercli: 'Get-VMHost | Add-VMHostNtpServer -NtpServer ntp1.example,ntp2.example',
  },
  references: { scg: ['timekeeping-sources'], stig: ['ESXI-80-000124'] },
  params: z
    .object({ minServers: z.number().int().min(1).default(2).describe('Fewest NTP servers.'), allowedServers: z.array(z.string().min(1)).default([]).describe('Approved NTP servers; empty = any.') })
    .strict(),
  profileDefaults: { scg: { minServers: 2 }, stig: { minServers: 1 }, lab: { minServers: 1 } },
  evaluate: (facts, params) =>
    onEsxi(facts, (esxi) =>
      withFact('esxi.ntp.servers', esxi.esxi.ntp, ({ servers }) => {
        const unapproved = params.allowedServers.length > 0 ? servers.filter((s) => !params.allowedServers.includes(s)) : [];
        const enough = servers.length >= params.minServers;
        const problems = [
          ...(enough ? [] : [`${servers.length} NTP server(s), expected at least ${params.minServers}`]),
          ...(unapproved.length ? [`not approved: ${unapproved.join(', ')}`] : []),
        ];
        return verdict(
          problems.length === 0,
          'esxi.ntp.servers',
          { pass: `NTP servers: ${servers.join(', ')}`, fail: problems.join('; ') },
          servers,
          { minServers: params.minServers, allowedServers: params.allowedServers },
        );
      }),
    ),
});
