"use client";

// The segment page's header actions: refresh now (dynamic), edit, export CSV, delete,
// and send a campaign to the segment.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { segmentKeys, segmentsApi, type SegmentSummary } from "@/lib/client/segments";
import { TrashIcon } from "../connectors/node-icons";
import { CampaignsIcon } from "../campaigns/campaign-icon";
import { Alert } from "../ui/alert";
import { Button, ButtonLink, buttonClasses } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { RotateIcon } from "../ui/icons";
import { DownloadIcon, PencilIcon } from "./segment-icons";

export function SegmentActions({ segment }: { segment: SegmentSummary }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const afterChange = async () => {
    await queryClient.invalidateQueries({ queryKey: segmentKeys.all });
    router.refresh();
  };
  const refresh = useMutation({ mutationFn: () => segmentsApi.refresh(segment.id), onSuccess: afterChange });
  const remove = useMutation({
    mutationFn: () => segmentsApi.remove(segment.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: segmentKeys.all });
      router.push("/segments");
      router.refresh();
    },
  });

  return (
    <>
      {segment.kind === "dynamic" ? (
        <Button variant="secondary" onClick={() => refresh.mutate()} loading={refresh.isPending} title={refresh.error?.message}>
          {refresh.isPending ? null : <RotateIcon />} Refresh now
        </Button>
      ) : null}
      <a href={segmentsApi.exportHref(segment.id)} download className={buttonClasses("secondary")}>
        <DownloadIcon /> Export CSV
      </a>
      <ButtonLink href={`/segments/${encodeURIComponent(segment.id)}/edit`} variant="secondary">
        <PencilIcon /> {segment.kind === "dynamic" ? "Edit rule" : "Rename"}
      </ButtonLink>
      <Button variant="ghost" onClick={() => setConfirming(true)} aria-label="Delete segment" title="Delete segment">
        <TrashIcon />
      </Button>
      <ButtonLink href={`/campaigns/new?segment=${encodeURIComponent(segment.id)}`}>
        <CampaignsIcon /> Send a campaign
      </ButtonLink>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        dismissible={!remove.isPending}
        title={`Delete “${segment.name}”?`}
        description="The segment and its member list are deleted. Users themselves are kept, and campaigns already sent keep the segment’s name. A connector that adds someone to this name creates it again."
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={remove.isPending}>
              Cancel
            </Button>
            <Button variant="danger" onClick={() => remove.mutate()} loading={remove.isPending}>
              Delete segment
            </Button>
          </>
        }
      >
        {remove.error ? <Alert>{remove.error.message}</Alert> : null}
      </Dialog>
    </>
  );
}
