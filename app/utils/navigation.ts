import type { Role } from "~/schemas/roles.ts";

interface NavItem {
  to: string;
  label: string;
  /** Who sees the link; the routes enforce the same rule on the server. */
  roles: readonly Role[];
}

/** One list for the whole app: each capability adds its entry here when it lands. */
const navItems: readonly NavItem[] = [
  { to: "/", label: "Home", roles: ["admin", "staff", "member"] },
  { to: "/organisation", label: "Your organisation", roles: ["member"] },
  { to: "/directory", label: "Directory", roles: ["admin", "staff"] },
  { to: "/network", label: "Network figures", roles: ["admin", "staff"] },
  { to: "/imports", label: "Import", roles: ["admin", "staff"] },
  { to: "/surveys", label: "Surveys", roles: ["admin", "staff", "member"] },
  { to: "/evidence", label: "Evidence", roles: ["admin", "staff"] },
  { to: "/positions", label: "Positions", roles: ["admin", "staff", "member"] },
  { to: "/consultations", label: "Consultations", roles: ["admin", "staff"] },
  { to: "/submissions", label: "Submissions", roles: ["admin", "staff"] },
  { to: "/manage/letters", label: "Open letters", roles: ["admin", "staff"] },
  { to: "/campaigns", label: "Campaigns", roles: ["admin", "staff"] },
  { to: "/letters", label: "Open letters", roles: ["member"] },
  { to: "/account", label: "Your account", roles: ["admin", "staff", "member"] },
  { to: "/admin/outbox", label: "Email outbox", roles: ["admin"] },
  { to: "/admin/audit", label: "Audit log", roles: ["admin"] },
  { to: "/admin/security", label: "Sign-in security", roles: ["admin"] },
];

export const navFor = (role: Role) => navItems.filter((item) => item.roles.includes(role));
