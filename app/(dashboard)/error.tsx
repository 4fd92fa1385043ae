"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { WarningIcon } from "@/components/ui/icons";

export default function DashboardError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Card className="mt-6">
      <EmptyState icon={WarningIcon} title="This page could not be loaded" actions={<Button onClick={reset}>Try again</Button>}>
        Something went wrong while reading your data. If the database is restarting, trying again in a few seconds
        usually works.
      </EmptyState>
    </Card>
  );
}
