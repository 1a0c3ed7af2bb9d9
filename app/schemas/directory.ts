import { z } from "zod";

export const nations = ["england", "scotland", "wales", "northern_ireland"] as const;
export type Nation = (typeof nations)[number];
export const nationSchema = z.enum(nations);
export const nationLabels: Record<Nation, string> = {
  england: "England",
  scotland: "Scotland",
  wales: "Wales",
  northern_ireland: "Northern Ireland",
};

export const serviceAreas = [
  "health",
  "social_care",
  "libraries",
  "leisure",
  "youth",
  "childrens_services",
  "culture",
  "housing",
  "education",
  "other",
] as const;
export type ServiceArea = (typeof serviceAreas)[number];
export const serviceAreaSchema = z.enum(serviceAreas);
export const serviceAreaLabels: Record<ServiceArea, string> = {
  health: "Health",
  social_care: "Social care",
  libraries: "Libraries",
  leisure: "Leisure",
  youth: "Youth services",
  childrens_services: "Children's services",
  culture: "Arts and culture",
  housing: "Housing",
  education: "Education",
  other: "Other",
};

export const legalForms = [
  "community_interest_company",
  "company_limited_by_guarantee",
  "community_benefit_society",
  "cooperative_society",
  "company_limited_by_shares",
  "other",
] as const;
export type LegalForm = (typeof legalForms)[number];
export const legalFormSchema = z.enum(legalForms);
export const legalFormLabels: Record<LegalForm, string> = {
  community_interest_company: "Community interest company",
  company_limited_by_guarantee: "Company limited by guarantee",
  community_benefit_society: "Community benefit society",
  cooperative_society: "Co-operative society",
  company_limited_by_shares: "Company limited by shares (employee-owned)",
  other: "Other",
};

export const membershipStatuses = ["prospective", "active", "lapsed", "left"] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];
export const membershipStatusSchema = z.enum(membershipStatuses);
