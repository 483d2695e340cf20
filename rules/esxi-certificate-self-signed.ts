import { z } from 'zod';
import { defineRule } from '../src/rules/kit/define.js';
import { verdict, withFact } from '../src/rules/kit/esxi-facts.js';

export default defineRule({
  id: 'esxi-certificate-self-signed',
  title: 'The ESXi host presents a self-signed or unapproved TLS certificate',
  severity: 'medium',
  platforms: ['esxi'],
  category: 'certificates',
  rationale:
    'Clients can only verify a host whose certificate chains to a CA they trust (VMCA or the site CA); STIG requires an approved issuer.',
  risk: 'Clients cannot tell the real host from an impostor, so credentials can be phished by a man in the middle.',
  remediation: {
    text: 'Replace the self-signed certificate with one issued by VMCA or the site CA.',
    powercli: 'Set-VIMachineCertificate -VMHost $vmhost -PemCertificate (Get-Content host.pem -Raw)',
  },
  references: { stig: ['ESXI-80-000229'] },
  params: z
    .object({
      allowSelfSigned: z.boolean().default(false).describe('Accept self-signed host certificates.'),
      issuerContains: z
        .string()
        .default('')
        .describe('Text the issuer must contain (site CA name); empty = any issuer.'),
    })
    .strict(),
  evaluate: (esxi, params) =>
    withFact('esxi.certificate', esxi.esxi.certificate, (cert) => {
      const problems = [
        ...(cert.selfSigned && !params.allowSelfSigned ? ['certificate is self-signed'] : []),
        ...(params.issuerContains && !cert.issuer.includes(params.issuerContains)
          ? [`issuer does not contain "${params.issuerContains}"`]
          : []),
      ];
      return verdict(
        problems.length === 0,
        'esxi.certificate.issuer',
        { pass: `certificate issued by ${cert.issuer}`, fail: `${problems.join('; ')} (issuer ${cert.issuer})` },
        { issuer: cert.issuer, selfSigned: cert.selfSigned },
        { selfSigned: params.allowSelfSigned ? 'allowed' : false, issuerContains: params.issuerContains || null },
      );
    }),
});
