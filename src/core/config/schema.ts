import { z } from 'zod';

/**
 * A file path: no NUL (the OS would cut the path there, so the file opened would not be the one named) and no longer
 * than Linux's PATH_MAX.
 */
const filePath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[^\u0000]*$/, 'expected no NUL character');
/** Host names and user names: no control characters (C0, DEL, C1), which no DNS name or account name holds. */
const plainText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, 'expected no control characters');
const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')
  .max(255);
/** Timers take at most 2^31-1 ms (a larger value fires after 1 ms); below a second, connect races the timer. */
const timeoutSeconds = z.number().min(1).max(86_400);

const port = z
  .number({ error: 'expected an integer 1-65535' })
  .int('expected an integer 1-65535')
  .min(1, 'expected an integer 1-65535')
  .max(65535, 'expected an integer 1-65535');

export const TlsOptions = z
  .object({
    /** PEM file with the CA(s) that signed the server certificate. */
    caFile: filePath.optional(),
    /** SHA-256 of the server's leaf certificate (DER), hex, colons optional. */
    fingerprint: z
      .string()
      .transform((s) => s.replace(/:/g, '').toLowerCase())
      .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 fingerprint: 64 hex digits, colons optional'))
      .optional(),
    /** Skip verification. Only when explicit; recorded in facts and report. */
    insecure: z.boolean().optional(),
  })
  .strict();

/** Credentials come from the environment or files, never inline. */
const passwordSources = { passwordEnv: envName.optional(), passwordFile: filePath.optional() };

/** Notes for people: JSON has no comments, so `hvscan init` writes them here; hvscan ignores them. */
const comment = z.union([z.string(), z.array(z.string())]).optional();

const common = {
  $comment: comment,
  name: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._-]+$/, 'expected letters, digits, ".", "_" or "-"'),
  host: plainText(255),
  port: port.optional(),
  username: plainText(256),
  ...passwordSources,
  /** Per-target timeout; overrides scan.timeoutSeconds. */
  timeoutSeconds: timeoutSeconds.optional(),
};

export const VsphereTarget = z
  .object({
    ...common,
    platform: z.enum(['esxi', 'vcenter']),
    tls: TlsOptions.optional(),
    /** vCenter: use VI/JSON when the server offers it ("auto"), or never ("off"). */
    viJson: z.enum(['auto', 'off']).optional(),
    /** Run esxcli over the vSphere API (ExecuteSoap, 11 requests per host) for the esxcli-only settings; default on. */
    esxcli: z.boolean().optional(),
  })
  .strict();

export const HypervSshTarget = z
  .object({
    ...common,
    platform: z.literal('hyperv'),
    transport: z.literal('ssh'),
    privateKeyPath: filePath.optional(),
    passphraseEnv: envName.optional(),
    /** Use the ssh-agent at $SSH_AUTH_SOCK. */
    agent: z.boolean().optional(),
    ssh: z
      .object({
        /** "SHA256:<base64>" as `ssh-keygen -lf` prints it. */
        hostKeyFingerprint: z
          .string()
          .regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, 'expected "SHA256:" and 43 base64 characters')
          .optional(),
        knownHostsFile: filePath.optional(),
        /** Accept and record an unknown host key (never a changed one). */
        trustOnFirstUse: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const HypervWinrmTarget = z
  .object({
    ...common,
    platform: z.literal('hyperv'),
    transport: z.literal('winrm'),
    winrm: z.object({ https: z.boolean(), auth: z.enum(['basic', 'ntlm']) }).strict(),
    tls: TlsOptions.optional(),
  })
  .strict();

/** Discriminated by platform, then transport, so an error names the field that is wrong instead of every variant. */
export const Target = z.discriminatedUnion('platform', [
  VsphereTarget,
  z.discriminatedUnion('transport', [HypervSshTarget, HypervWinrmTarget]),
]);
export type VsphereTarget = z.infer<typeof VsphereTarget>;
export type HypervSshTarget = z.infer<typeof HypervSshTarget>;
export type HypervWinrmTarget = z.infer<typeof HypervWinrmTarget>;
export type Target = z.infer<typeof Target>;
export type TlsOptions = z.infer<typeof TlsOptions>;

export const ScanOptions = z
  .object({
    /** Hosts collected at the same time. */
    concurrency: z.number().int().min(1).max(1024).default(32),
    /** Per-host budget for connect + collect; a target's own timeoutSeconds wins. */
    timeoutSeconds: timeoutSeconds.default(120),
    /** Extra attempts after a transient failure (connection reset, timeout before any response). */
    retries: z.number().int().min(0).max(10).default(1),
  })
  .strict();

export const RULE_PROFILE_NAMES = ['scg', 'stig', 'lab'] as const;

export const RulesOptions = z
  .object({
    /** Baseline whose defaults the rules use: VMware SCG, DISA STIG, or relaxed lab values. */
    profile: z.enum(RULE_PROFILE_NAMES).default('scg'),
    /** JSON file of accepted results (rule, hosts, reason, expires); relative to the config file. */
    suppressionsFile: filePath.optional(),
    /** Per-rule parameter overrides, by rule id; each rule's own schema validates them. */
    params: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
    /** Folders of custom rules (.js, .mjs ES modules, see docs/custom-rules.md); relative to the config file. */
    directories: z.array(z.string().min(1)).optional(),
  })
  .strict();

/** Report files; paths are relative to the working directory. Only json is written by the core; the rest by report writers. */
export const OutputOptions = z
  .object({
    json: filePath.optional(),
    html: filePath.optional(),
    csv: filePath.optional(),
    sarif: filePath.optional(),
    junit: filePath.optional(),
    ndjson: filePath.optional(),
  })
  .strict();

export const LogOptions = z
  .object({
    level: z.enum(['error', 'warn', 'info', 'debug']).optional(),
    /** JSON lines appended to this file (in addition to the console). */
    file: filePath.optional(),
  })
  .strict();

/** Where `hvscan audit` reports a finished run; the URL is treated as a secret (it often embeds a token). */
export const NotifyOptions = z
  .object({
    webhook: z
      .object({
        urlEnv: envName.optional(),
        urlFile: filePath.optional(),
        timeoutSeconds: z.number().positive().max(600).optional(),
        retries: z.number().int().min(0).max(10).optional(),
        /** Exit 5 from `hvscan audit` when the webhook could not be delivered (otherwise it is only logged). */
        failOnError: z.boolean().optional(),
      })
      .strict()
      .refine((w) => Boolean(w.urlEnv) !== Boolean(w.urlFile), 'expected exactly one of urlEnv, urlFile'),
  })
  .strict();

export const Config = z
  .object({
    /** Editors may point at schemas/config.schema.json. */
    $schema: z.string().optional(),
    $comment: comment,
    targets: z.array(Target).min(1, 'expected at least one target'),
    scan: ScanOptions.prefault({}),
    rules: RulesOptions.prefault({}),
    output: OutputOptions.prefault({}),
    log: LogOptions.optional(),
    notify: NotifyOptions.optional(),
  })
  .strict();

export type Config = z.infer<typeof Config>;
export type ScanOptions = z.infer<typeof ScanOptions>;
export type RulesOptions = z.infer<typeof RulesOptions>;
export type OutputOptions = z.infer<typeof OutputOptions>;
