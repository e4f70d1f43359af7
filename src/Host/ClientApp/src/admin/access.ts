// Who may use 系统管理: the administrator role (the API refuses everyone else with 403 as well).
import { hasRole } from '../auth';
import type { Me } from '../types';

export function isAdministrator(me: Me | null): boolean {
  return hasRole(me, 'admin');
}
