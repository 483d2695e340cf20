import rule from '../../../rules/esxi-certificate-self-signed.js';
import { unknown } from '../../../src/core/model/index.js';
import { esxiFacts } from '../../fixtures/facts.js';
import { testRule } from '../tester.js';

const selfSigned = esxiFacts({ esxi: { certificate: { issuer: 'CN=esx01.lab', selfSigned: true } } });
const path = 'esxi.certificate.issuer';

testRule(rule, [
  {
    name: 'CA-signed passes',
    facts: esxiFacts(),
    expect: [{ status: 'pass', path, observed: { issuer: 'CN=Lab CA', selfSigned: false } }],
  },
  { name: 'self-signed fails', facts: selfSigned, expect: [{ status: 'fail', path, message: 'self-signed' }] },
  {
    name: 'self-signed is accepted in the lab profile',
    facts: selfSigned,
    profile: 'lab',
    expect: [{ status: 'pass', path }],
  },
  {
    name: 'issuer outside the site CA fails',
    facts: esxiFacts(),
    params: { issuerContains: 'O=Example Corp' },
    expect: [{ status: 'fail', path, message: 'issuer does not contain' }],
  },
  {
    name: 'unknown certificate',
    facts: esxiFacts({ esxi: { certificate: unknown('not recorded') } }),
    expect: [{ status: 'unknown', path: 'esxi.certificate' }],
  },
]);
