import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { ErasedNotice } from "@/components/users/erase-user";
import { UsersTable } from "@/components/users/users-table";
import { requireSession } from "@/lib/server/auth/dashboard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users · Cue" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSession();
  const { q, page, erased } = await searchParams;
  const pageNumber = typeof page === "string" ? Number.parseInt(page, 10) : 1;

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone your app and servers have sent events for. Open a profile to see its attributes, segments and full event timeline."
      />
      {typeof erased === "string" && erased ? <ErasedNotice userId={erased} /> : null}
      <UsersTable
        initialQuery={typeof q === "string" ? q : ""}
        initialPage={Number.isFinite(pageNumber) && pageNumber > 1 ? pageNumber - 1 : 0}
      />
    </>
  );
}
