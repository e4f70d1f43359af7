// What the batch endpoints answer: the open batches (GET /api/batches) and a batch's dashboard (GET …/dashboard).

export interface SchoolQuota {
  quota: number | null;
  used: number;
  special: boolean;
}

export interface OpenBatch {
  id: string;
  title: string;
  definitionId: string;
  closesAt: string | null;
  applicationDefinitionId: string | null;
  applicationName: string | null;
  myQuota: SchoolQuota | null;
}

export interface ApplicationProgress {
  caseId: string;
  title: string;
  itemName: string | null;
  status: string;
  statusName: string;
  currentSteps: string[];
  recommended: boolean | null;
  score: number | null;
  rank: number | null;
  selected: boolean;
  note: string | null;
}

export interface SchoolProgress {
  orgId: string;
  orgName: string | null;
  schoolType: string | null;
  quota: number | null;
  specialQuota: boolean;
  applications: number;
  applied: ApplicationProgress[];
}

export interface CityProgress {
  cityId: string | null;
  cityName: string | null;
  recommendationQuota: number | null;
  recommended: number;
  applications: number;
  schools: SchoolProgress[];
}

export interface RankingLine {
  rank?: number;
  caseId?: string;
  orgId?: string;
  orgName?: string;
  cityId?: string;
  cityName?: string;
  title?: string;
  score?: number | null;
  selected?: boolean;
  note?: string | null;
}

export interface ProgrammeFigures {
  majors: number | null;
  schools: number | null;
  teachers: number | null;
}

export interface BatchDashboard {
  id: string;
  title: string;
  status: string;
  statusName: string;
  open: boolean;
  totals: { applications: number; inProgress: number; recommended: number; declined: number; scored: number; selected: number };
  cities: CityProgress[];
  ranking: RankingLine[];
  programme: {
    id: string;
    title: string;
    targets: ProgrammeFigures;
    achieved: ProgrammeFigures;
    batches: { id: string; title: string; status: string; statusName: string; selected: number }[];
  } | null;
}
