// Kept apart from the zod schemas in people.ts: the root layout needs these labels on every page,
// and importing them from there would put zod in every page's JavaScript.
export const roles = ["admin", "staff", "member"] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: "Administrator",
  staff: "Policy staff",
  member: "Member contact",
};
