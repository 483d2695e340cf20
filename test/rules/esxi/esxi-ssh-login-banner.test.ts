import { testRule } from '../tester.js';
import { esxiFacts } from '../../fixtures/facts.js';
import rule from '../../../rules/esxi-ssh-login-banner.js';
import { testSettingRule } from '../esxi-helpers.js';

testSettingRule(rule, { key: 'banner', source: 'sshServer', pass: ['/etc/issue'], fail: ['none'], absent: 'unknown' });

// Before, a keyword esxcli listed without a Value was '' and the banner failed as empty.
testRule(
  rule,
  [
    {
      name: 'banner listed without a value: unknown quoting why',
      facts: esxiFacts({
        esxi: {
          cli: {
            sshServer: {
              banner: {
                unknown: true,
                reason: 'esxcli system ssh server config list gave keyword banner without a Value',
              },
            },
          },
        },
      } as never),
      expect: [
        {
          status: 'unknown',
          path: 'esxi.cli.sshServer[banner]',
          message:
            'SSH daemon keyword banner: esxcli system ssh server config list gave keyword banner without a Value',
        },
      ],
    },
  ],
  { statuses: ['unknown'] },
);
