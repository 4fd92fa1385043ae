import type { UserJourney } from "@/lib/server/journeys";
import { EmptyState } from "../ui/empty-state";
import { ConnectorsIcon } from "../ui/icons";
import { JourneyCard } from "./journey-card";

// The newest few open at once; older ones stay one click away so the profile stays short.
const SHOWN = 5;

/** The user's latest journeys through connectors, newest first. */
export function JourneyList({ journeys, userId }: { journeys: UserJourney[]; userId: string }) {
  if (journeys.length === 0) {
    return (
      <EmptyState icon={ConnectorsIcon} title="No journeys yet" className="py-10">
        When an event of this user starts a live connector, the journey shows here: each wait, check and message, and why it ended.
      </EmptyState>
    );
  }
  const older = journeys.slice(SHOWN);
  return (
    <div data-testid="journeys">
      <div className="divide-y divide-slate-100">
        {journeys.slice(0, SHOWN).map((journey) => (
          <JourneyCard key={journey.id} journey={journey} userId={userId} />
        ))}
      </div>
      {older.length > 0 ? (
        <details className="group border-t border-slate-100">
          <summary className="cursor-pointer list-none px-5 py-3 text-sm font-medium text-brand-600 hover:text-brand-700 focus-visible:outline-2 focus-visible:outline-brand-500 [&::-webkit-details-marker]:hidden">
            <span className="group-open:hidden">Show {older.length} earlier {older.length === 1 ? "journey" : "journeys"}</span>
            <span className="hidden group-open:inline">Hide earlier journeys</span>
          </summary>
          <div className="divide-y divide-slate-100 border-t border-slate-100">
            {older.map((journey) => (
              <JourneyCard key={journey.id} journey={journey} userId={userId} />
            ))}
          </div>
        </details>
      ) : null}
    </div>
  );
}
