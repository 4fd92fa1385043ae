"use client";

// The template editor (new and edit): the texts on the left, the server's live preview
// on the right. What does not compile comes back from the preview (and from a save's
// 400) naming its field and line; the line is marked in the code editor.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { ApiRequestError } from "@/lib/client/api";
import { exampleEvent, problemLines, templateTexts, type TemplateDraft } from "@/lib/client/template-draft";
import { templateHref, templateKeys, templatesApi, type PreviewRequest, type TemplateDetail, type TemplateTexts } from "@/lib/client/templates";
import { LeaveDialog } from "../connectors/leave-dialog";
import { useLeaveGuard } from "../connectors/use-leave-guard";
import { Alert } from "../ui/alert";
import { BackLink } from "../ui/back-link";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { PageHeader } from "../ui/page-header";
import { PreviewPanel, type PreviewScope } from "./preview-panel";
import { TemplateFields } from "./template-fields";
import { TemplateUsage } from "./template-usage";
import { useLivePreview } from "./use-live-preview";

const NONE: never[] = [];

type Props = { template: TemplateDetail | null; initial: TemplateDraft; appName: string };

export function TemplateEditor({ template, initial, appName }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [scope, setScope] = useState<PreviewScope>({ userId: "", eventName: "", eventData: "" });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const texts = templateTexts(draft);
  const dirty = JSON.stringify(templateTexts(saved)) !== JSON.stringify(texts);
  const guard = useLeaveGuard(dirty);

  const event = exampleEvent(scope.eventName, scope.eventData);
  const request: PreviewRequest = {
    channel: texts.channel,
    format: texts.format,
    title: texts.title,
    subject: texts.subject,
    body: texts.body,
    ...(scope.userId.trim() ? { userId: scope.userId.trim() } : {}),
    ...(event.event ? { event: event.event } : {}),
  };
  const preview = useLivePreview(request);

  const save = useMutation({
    mutationFn: (sent: TemplateTexts) => (template ? templatesApi.update(template.id, sent) : templatesApi.create(sent)),
    onSuccess: (result) => {
      setSaved(draft);
      void queryClient.invalidateQueries({ queryKey: templateKeys.all });
      if (!template) router.replace(templateHref(result.id));
      else router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => templatesApi.remove(template!.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: templateKeys.all });
      router.push("/templates");
    },
  });

  // A save's refusal holds for the texts it sent, until they are edited; it and the
  // preview's problems name fields the same way, so each shows once.
  const refusedNow = save.error !== null && JSON.stringify(save.variables) === JSON.stringify(texts);
  const saveDetails = refusedNow && save.error instanceof ApiRequestError ? save.error.details : NONE;
  const problems = useMemo(() => {
    const all = [...saveDetails, ...preview.problems];
    return all.filter((p, i) => all.findIndex((q) => q.path === p.path && q.message === p.message) === i);
  }, [saveDetails, preview.problems]);
  const bodyProblems = useMemo(() => problemLines(problems, "body"), [problems]);
  const errorAt = (path: string) => problems.filter((p) => p.path === path).map((p) => p.message).join(" · ") || undefined;

  return (
    <>
      <PageHeader
        eyebrow={<BackLink href="/templates">Templates</BackLink>}
        title={template ? template.name : "New template"}
        description={template ? <TemplateUsage template={template} /> : "Write it once, then pick it in any connector's send step or campaign of the same channel."}
        actions={
          <>
            {template ? (
              <Button variant="secondary" onClick={() => setConfirmDelete(true)}>
                Delete
              </Button>
            ) : null}
            <Button onClick={() => save.mutate(texts)} loading={save.isPending} disabled={Boolean(template) && !dirty && !save.isPending}>
              {template ? (dirty ? "Save changes" : "Saved") : "Create template"}
            </Button>
          </>
        }
      />
      {refusedNow && saveDetails.length === 0 ? <Alert className="mb-6">{save.error!.message}</Alert> : null}
      <div className="grid items-start gap-6 xl:grid-cols-2">
        <TemplateFields draft={draft} onChange={setDraft} errorAt={errorAt} bodyProblems={bodyProblems} />
        <div className="xl:sticky xl:top-6">
          <PreviewPanel channel={texts.channel} appName={appName} preview={preview} scope={scope} onScope={setScope} eventError={event.error} />
        </div>
      </div>
      <Dialog
        open={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        dismissible={!remove.isPending}
        title={`Delete ${template?.name ?? "this template"}?`}
        description="Campaigns already made from it keep their copy. This cannot be undone."
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmDelete(false)} disabled={remove.isPending}>
              Keep it
            </Button>
            <Button variant="danger" onClick={() => remove.mutate()} loading={remove.isPending}>
              Delete template
            </Button>
          </>
        }
      >
        {remove.error ? <Alert>{remove.error.message}</Alert> : template?.usedBy.length ? <Alert tone="warning">Connectors still use it: choose another template in them first.</Alert> : null}
      </Dialog>
      <LeaveDialog href={guard.pendingHref} onStay={guard.stay} onLeave={guard.leave} what="This template" />
    </>
  );
}
