/** A delivery of one event to one endpoint, with every attempt, as shown by the control API. */
export interface DeliveryAttempt {
  at: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  fault: string | null;
}

export interface StoredDelivery {
  id: string;
  account: string;
  event: string;
  event_type: string;
  endpoint: string;
  url: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: DeliveryAttempt[];
  /** Epoch ms of the next scheduled attempt, null when finished. Survives restarts via stateFile. */
  next_attempt_at: number | null;
  created: number;
}

export type FaultAction = 'drop' | 'duplicate' | 'delay' | 'reorder' | 'fail';

export interface FaultRule {
  id: string;
  action: FaultAction;
  /** How many more deliveries this rule applies to. */
  remaining: number;
  event_type: string | null;
  endpoint: string | null;
  delay_ms: number;
}
