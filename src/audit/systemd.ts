/** systemd units that run the same nightly audit as `hvscan schedule`, for hosts that prefer timers over a daemon. */
export function systemdUnits(options: { configPath: string; historyDir: string; keep: string; onCalendar: string; user?: string }): { service: string; timer: string } {
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

/** "0 2 * * *" → "*-*-* 02:00:00" for the simple minute/hour/daily forms; anything else is passed through for review. */
export function cronToOnCalendar(cron: string, timezone?: string): string {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(cron.trim());
  if (!m) return `daily # adapt from cron "${cron}"${timezone ? ` in ${timezone}` : ''}`;
  return `*-*-* ${m[2].padStart(2, '0')}:${m[1].padStart(2, '0')}:00${timezone ? ` ${timezone}` : ''}`;
}
