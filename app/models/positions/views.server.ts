import { isStaff, type Actor } from "~/models/accounts/people.server.ts";
import type { PositionState, PositionTopic } from "~/schemas/positions.ts";
import type { Position, PositionVersion } from "./positions.server.ts";

/**
 * What leaves the server about a position, per audience. Loaders return these, never a Position:
 * a field hidden in the page still reaches the browser in the loader data, so who owns, wrote,
 * reviewed or annotated a position leaves only for staff.
 */

/** What any reader of the position may know: its published face. */
export interface PositionHeader {
  slug: string;
  title: string;
  summary: string;
  topics: PositionTopic[];
  isPublic: boolean;
  state: PositionState;
  publishedAt: Date | null;
}

export const positionHeader = (position: Position): PositionHeader => ({
  slug: position.slug,
  title: position.title,
  summary: position.summary,
  topics: position.topics,
  isPublic: position.isPublic,
  state: position.state,
  publishedAt: position.publishedAt,
});

/** The position as its layout gives it to the pages below: the whole of it for staff only. */
export const positionForLayout = (actor: Actor, position: Position) => ({
  position: positionHeader(position),
  staff: isStaff(actor) ? position : null,
});

/** The version line staff see ("3, saved by … (note)"); members get nothing of a version but its text. */
export const staffVersionView = (version: PositionVersion) => ({
  number: version.number,
  authorName: version.authorName,
  createdAt: version.createdAt,
  note: version.note,
});

/** A row of the positions list: when it changed for staff, when it was published for members. */
export const positionListItem = (actor: Actor, position: Position) => ({
  ...positionHeader(position),
  shownAt: isStaff(actor) ? position.updatedAt : (position.publishedAt ?? position.updatedAt),
  staff: isStaff(actor)
    ? {
        state: position.state,
        awaitingRetrospectiveReview: position.awaitingRetrospectiveReview,
        ownerName: position.ownerName,
      }
    : null,
});
