export const outboxStatuses = ["pending", "retrying", "sent", "failed"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export const outboxStatusLabels: Record<OutboxStatus, string> = {
  pending: "Waiting to send",
  retrying: "Retrying",
  sent: "Sent",
  failed: "Failed",
};
