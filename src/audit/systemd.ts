/** systemd units that run the same nightly audit as `hvscan schedule`, for hosts that prefer timers over a daemon. */
export function systemdUnits(options: {
  configPath: string;
  historyDir: string;
  keep: string;
  onCalendar: string;
  user?: string;
}): { service: string; timer: string } {
  const service = `[Unit]
Description=hvscan nightly hypervisor audit
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
${options.user ? `User=${options.user}\n` : ''}# Credentials come from files or environment variables only (see the config's passwordFile / passwordEnv).
EnvironmentFile=-/etc/hvscan/env
ExecStart=/usr/bin/env hvscan audit -c ${options.configPath} --history ${options.historyDir} --keep ${options.keep}
# Exit 3 (findings at or above the threshold) is a successful audit, not a service failure.
SuccessExitStatus=3
NoNewPrivileges=yes
ProtectSystem=strict
ReadWritePaths=${options.historyDir}
PrivateTmp=yes
`;
  const timer = `[Unit]
Description=Run hvscan audit on schedule

[Timer]
OnCalendar=${options.onCalendar}
Persistent=true
RandomizedDelaySec=15min

[Install]
WantedBy=timers.target
`;
  return { service, timer };
}

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Why a cron expression has no exact OnCalendar= equivalent; `hvscan schedule --print-systemd` exits 2 with it. */
export class CronTranslationError extends Error {}

/**
 * A cron expression (5 fields, or 6 with seconds first, as `hvscan schedule` reads it; @daily and friends) as the
 * systemd OnCalendar= value that fires at exactly the same times, e.g. "*\/15 * * * *" → "*-*-* *:0/15:00" (see
 * systemd.time(7): ranges are "a..b", steps "start/step", weekdays Mon..Sun). Throws CronTranslationError for what
 * OnCalendar= cannot say: L/W/# modifiers, weekday steps, and a day of month together with a weekday (cron fires when
 * either matches, systemd only when both do).
 */
export function cronToOnCalendar(cron: string, timezone?: string): string {
  const text = NICKNAMES[cron.trim().toLowerCase()] ?? cron.trim();
  const fields = text.split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6)
    throw new CronTranslationError(`expected 5 or 6 fields, got ${fields.length}`);
  const [second, minute, hour, dom, month, dow] = fields.length === 6 ? fields : ['0', ...fields];
  const any = (f: string) => f === '*' || f === '?';
  if (!any(dom!) && !any(dow!)) {
    throw new CronTranslationError(
      'cron runs when the day of month OR the weekday matches, OnCalendar= only when both do; use two timers',
    );
  }
  const weekday = any(dow!) ? '' : `${weekdays(dow!)} `;
  const date = `*-${component(month!, 'month', 1, (v) => monthNumber(v))}-${component(dom!, 'day of month', 1)}`;
  const time = [hour!, minute!, second!].map((f, i) => component(f, ['hour', 'minute', 'second'][i]!, 0)).join(':');
  return `${weekday}${date} ${time}${timezone ? ` ${timezone}` : ''}`;
}

/** One date or time field: "*", lists, "a-b" ranges, "*\/n" and "a/n" or "a-b/n" steps. */
function component(field: string, name: string, first: number, value: (v: string) => number = Number): string {
  if (field === '*' || field === '?') return '*';
  return field
    .split(',')
    .map((part) => {
      const m = /^(\*|[0-9a-z]+)(?:-([0-9a-z]+))?(?:\/(\d+))?$/i.exec(part);
      if (!m) throw new CronTranslationError(`${name} "${part}" has no OnCalendar= equivalent`);
      const [, from, to, step] = m;
      const start = from === '*' ? first : checked(value(from!), name, part);
      const range = to !== undefined ? `${pad(start)}..${pad(checked(value(to), name, part))}` : pad(start);
      return step ? `${range}/${step}` : range;
    })
    .join(',');
}

const pad = (n: number) => String(n).padStart(2, '0');

function checked(n: number, name: string, part: string): number {
  if (!Number.isInteger(n)) throw new CronTranslationError(`${name} "${part}" has no OnCalendar= equivalent`);
  return n;
}

function monthNumber(v: string): number {
  const index = MONTHS.indexOf(v.toLowerCase());
  return index >= 0 ? index + 1 : Number(v);
}

/** "1-5" → "Mon..Fri", "0,6" → "Sun,Sat"; cron's 0 and 7 are both Sunday. */
function weekdays(field: string): string {
  const day = (v: string, part: string) => {
    const named = DAYS.findIndex((d) => d.toLowerCase() === v.toLowerCase());
    const n = named >= 0 ? named : Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 7)
      throw new CronTranslationError(`weekday "${part}" has no OnCalendar= equivalent`);
    return n;
  };
  return field
    .split(',')
    .map((part) => {
      const m = /^([0-9a-z]+)(?:-([0-9a-z]+))?$/i.exec(part);
      if (!m)
        throw new CronTranslationError(`weekday "${part}" has no OnCalendar= equivalent (no steps or L/# modifiers)`);
      const from = day(m[1]!, part);
      if (m[2] === undefined) return DAYS[from]!;
      const to = day(m[2], part);
      // Sunday as 0 starts a range (0-2: Sun..Tue) in cron, but systemd weeks run Mon..Sun.
      if (from === 0 && to > 0) return `Sun,Mon..${DAYS[to]}`;
      if (from > to) throw new CronTranslationError(`weekday range "${part}" runs backwards`);
      return `${DAYS[from]}..${DAYS[to]}`;
    })
    .join(',');
}
