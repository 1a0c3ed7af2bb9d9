import type { Role } from "~/schemas/people.ts";

export interface NavItem {
  to: string;
  label: string;
  /** Who sees the link; the routes enforce the same rule on the server. */
  roles: readonly Role[];
}

/** One list for the whole app: each capability adds its entry here when it lands. */
export const navItems: readonly NavItem[] = [
  { to: "/", label: "Home", roles: ["admin", "staff", "member"] },
  { to: "/manage/letters", label: "Open letters", roles: ["admin", "staff"] },
  { to: "/letters", label: "Open letters", roles: ["member"] },
  { to: "/account", label: "Your account", roles: ["admin", "staff", "member"] },
  { to: "/admin/outbox", label: "Email outbox", roles: ["admin"] },
];

export const navFor = (role: Role) => navItems.filter((item) => item.roles.includes(role));
