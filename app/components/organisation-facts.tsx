import { SummaryList } from "~/components/summary-list.tsx";
import {
  legalFormLabels,
  membershipStatusLabels,
  type LegalForm,
  type MembershipStatus,
  type ServiceArea,
  serviceAreaLabels,
} from "~/schemas/directory-labels.ts";
import { formatCount, formatDate } from "~/utils/format.ts";

interface Facts {
  membershipStatus: MembershipStatus;
  joinedOn: string | null;
  legalForm: LegalForm;
  serviceArea: ServiceArea;
  staffCount: number;
}

/** What an organisation is and how big, as staff see it in the directory and the member sees it at home. */
export function OrganisationFacts({ org, more = [] }: { org: Facts; more?: [string, string | null][] }) {
  return (
    <SummaryList
      rows={[
        [
          "Membership",
          `${membershipStatusLabels[org.membershipStatus]}${org.joinedOn ? `, joined ${formatDate(org.joinedOn)}` : ""}`,
        ],
        ["Legal form", legalFormLabels[org.legalForm]],
        ["Service area", serviceAreaLabels[org.serviceArea]],
        ["Staff", formatCount(org.staffCount)],
        ...more,
      ]}
    />
  );
}
