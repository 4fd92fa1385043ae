import type { Metadata } from "next";
import { ConnectorsList } from "@/components/connectors/connectors-list";
import { requireSession } from "@/lib/server/auth/dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Connectors · Cue" };

export default async function ConnectorsPage() {
  await requireSession();
  return <ConnectorsList />;
}
