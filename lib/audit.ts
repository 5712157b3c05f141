export interface AuditEntryView {
  id: string;
  at: string;
  actor: string;
  action: string;
  details: unknown;
}
