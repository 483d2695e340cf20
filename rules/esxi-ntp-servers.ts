import { z } from 'zod';
import { defineRule } from '../src/rules/kit/define.js';
import { verdict, withFact } from '../src/rules/kit/esxi-facts.js';
import { ptpInsteadOfNtp } from '../src/rules/kit/esxi-service.js';

export default defineRule({
  id: 'esxi-ntp-servers',
  title: 'ESXi has no NTP server, too few to outvote a bad one, or servers outside the approved list',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'time',
  rationale:
    'The SCG recommends at least four NTP sources and calls two inadvisable ("one source is preferable to having two"): with two, a bad clock cannot be outvoted. The STIG wants authoritative sources (the approved list) and accepts PTP instead of NTP.',
  risk: 'A single or rogue time source can shift the host clock, breaking Kerberos, certificates and log timelines.',
  remediation: {
    text: 'Configure four approved NTP servers (or one, rather than two or three).',
    esxcli:
      'esxcli system ntp set --server=ntp1.example --server=ntp2.example --server=ntp3.example --server=ntp4.example --enabled=true',
    powercli: 'Get-VMHost | Add-VMHostNtpServer -NtpServer ntp1.example,ntp2.example,ntp3.example,ntp4.example',
  },
  references: { scg: ['timekeeping-sources'], stig: ['ESXI-80-000124'] },
  params: z
    .object({
      minServers: z.number().int().min(1).default(4).describe('Fewest NTP servers.'),
      allowSingle: z
        .boolean()
        .default(true)
        .describe('Accept exactly one server below minServers (the SCG prefers one source to two).'),
      allowedServers: z.array(z.string().min(1)).default([]).describe('Approved NTP servers; empty = any.'),
    })
    .strict(),
  evaluate: (esxi, params) =>
    withFact('esxi.ntp.servers', esxi.esxi.ntp, ({ servers }) => {
      if (servers.length === 0) {
        const ptp = ptpInsteadOfNtp(esxi);
        if (ptp) return ptp;
      }
      const unapproved =
        params.allowedServers.length > 0 ? servers.filter((s) => !params.allowedServers.includes(s)) : [];
      const enough = servers.length >= params.minServers || (params.allowSingle && servers.length === 1);
      const problems = [
        ...(enough
          ? []
          : [
              `${servers.length} NTP server(s), expected at least ${params.minServers}${params.allowSingle && params.minServers > 1 ? ' (or exactly one)' : ''}`,
            ]),
        ...(unapproved.length ? [`not approved: ${unapproved.join(', ')}`] : []),
      ];
      return verdict(
        problems.length === 0,
        'esxi.ntp.servers',
        { pass: `NTP servers: ${servers.join(', ')}`, fail: problems.join('; ') },
        servers,
        { minServers: params.minServers, allowSingle: params.allowSingle, allowedServers: params.allowedServers },
      );
    }),
});
