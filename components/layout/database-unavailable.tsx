import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { WarningIcon } from "@/components/ui/icons";

// Shown instead of the dashboard while the database cannot be reached. Cue reconnects
// by itself; reloading is all it takes once the database is back.
export function DatabaseUnavailable() {
  return (
    <div className="mx-auto max-w-xl px-4 py-24">
      <Card>
        <EmptyState icon={WarningIcon} title="The database is unavailable">
          Cue cannot reach its database right now, so the dashboard cannot show your data. Nothing is lost: apps get a 503
          with Retry-After and resend. Cue reconnects by itself — reload this page in a few seconds.
        </EmptyState>
      </Card>
    </div>
  );
}
