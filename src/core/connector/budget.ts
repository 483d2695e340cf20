/**
 * Kept free at the end of a host's budget for what follows a hung call (vSphere: the rest of its wave, Logout,
 * mapping; WinRM: Signal and Delete of the shell) and for the failure to reach the engine before its own deadline
 * does, so the host's error names the call that hung. A connector's requests end this long before the budget does.
 */
export function wrapUpMs(budgetMs: number): number {
  return Math.min(5_000, Math.max(1_000, budgetMs / 5));
}
