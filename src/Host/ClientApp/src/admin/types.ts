// The administration API's shapes (/api/organizations, /api/users, /api/roles, /api/calendar).

export interface Choice {
  code: string;
  name: string;
}

export interface Organization {
  id: string;
  name: string;
  kind: string;
  kindName: string;
  schoolType: string | null;
  schoolTypeName: string | null;
  parentId: string | null;
  path: string;
  users: number;
}

export interface OrganizationTree {
  items: Organization[];
  addableKinds: Choice[];
  schoolTypes: Choice[];
}

export interface UserAccount {
  id: string;
  userName: string;
  displayName: string;
  email: string | null;
  orgId: string;
  orgName: string | null;
  roles: Choice[];
  status: 'active' | 'disabled' | 'locked';
  statusName: string;
  lockedUntil: string | null;
}

export interface CalendarDay {
  date: string;
  weekday: string;
  isOffDay: boolean;
  name: string;
  kindName: string;
  source: 'official' | 'override';
  sourceName: string;
}

export interface CalendarYear {
  year: number;
  hasOfficialData: boolean;
  workingDays: number;
  months: { month: number; days: number; workingDays: number }[];
  days: CalendarDay[];
}
