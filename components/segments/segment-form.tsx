"use client";

// Create a segment (manual, or dynamic with a rule), or edit a dynamic segment's name
// and rule. The live preview counts the rule as the server will.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { ApiRequestError } from "@/lib/client/api";
import { segmentHref, segmentKeys, segmentsApi, type SegmentKind, type SegmentSummary } from "@/lib/client/segments";
import { newEventCondition } from "@/lib/segments/rule-draft";
import { Segmented } from "../connectors/inspector/fields";
import { Alert } from "../ui/alert";
import { Button, ButtonLink } from "../ui/button";
import { Card, CardBody, CardHeader } from "../ui/card";
import { Field, Input } from "../ui/input";
import { RuleBuilder, type RuleDraft } from "./rule-builder";
import { checkRule, ruleErrorsFromApi } from "./rule-errors";
import { RulePreview } from "./rule-preview";

const KIND_OPTIONS = [
  { value: "dynamic" as const, label: "Dynamic — from a rule" },
  { value: "manual" as const, label: "Manual — hand-picked" },
];

function initialDraft(segment?: SegmentSummary): RuleDraft {
  if (segment?.rule) return structuredClone(segment.rule) as RuleDraft;
  return { match: "all", conditions: [newEventCondition()] };
}

export function SegmentForm({ segment }: { segment?: SegmentSummary }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState(segment?.name ?? "");
  const [kind, setKind] = useState<SegmentKind>(segment?.kind ?? "dynamic");
  const [draft, setDraft] = useState<RuleDraft>(() => initialDraft(segment));
  const [touched, setTouched] = useState(false);
  const check = useMemo(() => checkRule(draft), [draft]);

  const save = useMutation({
    mutationFn: () => {
      const rule = kind === "dynamic" ? check.rule ?? draft : undefined;
      return segment ? segmentsApi.update(segment.id, { name, ...(rule ? { rule } : {}) }) : segmentsApi.create({ name, kind, ...(rule ? { rule } : {}) });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: segmentKeys.all });
      router.push(segmentHref(saved.id));
      router.refresh();
    },
  });

  const serverErrors = save.error instanceof ApiRequestError ? ruleErrorsFromApi(save.error.details) : new Map<string, string[]>();
  const errors = touched ? new Map([...check.errors, ...serverErrors]) : serverErrors;
  const nameError = save.error instanceof ApiRequestError ? save.error.details.find((d) => d.path === "name")?.message : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (kind === "dynamic" && !check.rule) return;
    save.mutate();
  };

  return (
    <form onSubmit={submit} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" noValidate>
      <div className="space-y-6">
        <Card>
          <CardBody className="space-y-5">
            <Field id="segment-name" label="Name" hint={nameError ? undefined : "Connectors and campaigns refer to the segment by this name."}>
              <Input
                id="segment-name"
                value={name}
                onChange={(event) => setName(event.target.value)}
                placeholder="Buyers this month"
                maxLength={200}
                aria-invalid={nameError ? true : undefined}
                required
              />
            </Field>
            {nameError ? <p className="-mt-3 text-xs text-red-600">{nameError}</p> : null}
            {segment ? null : (
              <div className="space-y-1.5">
                <span className="block text-sm font-medium text-slate-700">Kind</span>
                <div className="max-w-md">
                  <Segmented value={kind} options={KIND_OPTIONS} onChange={setKind} label="Kind" />
                </div>
                <p className="text-xs text-slate-500">
                  {kind === "dynamic"
                    ? "Members are whoever matches the rule, kept up to date as events arrive."
                    : "You add and remove members yourself, by hand, by CSV or from connectors."}
                </p>
              </div>
            )}
          </CardBody>
        </Card>
        {kind === "dynamic" ? (
          <Card>
            <CardHeader title="Rule" description="Behaviour counts events in a time window; profile conditions read the user’s fields and attributes." />
            <CardBody className="bg-slate-50/60">
              <RuleBuilder rule={draft} onChange={setDraft} errors={errors} />
            </CardBody>
          </Card>
        ) : null}
        {save.error && !(save.error instanceof ApiRequestError && save.error.details.length > 0) ? (
          <Alert title="The segment was not saved">{save.error.message}</Alert>
        ) : null}
        <div className="flex justify-end gap-2">
          <ButtonLink href={segment ? segmentHref(segment.id) : "/segments"} variant="secondary">
            Cancel
          </ButtonLink>
          <Button type="submit" loading={save.isPending}>
            {segment ? "Save changes" : "Create segment"}
          </Button>
        </div>
      </div>
      {kind === "dynamic" ? (
        <div>
          <RulePreview rule={check.rule} />
        </div>
      ) : null}
    </form>
  );
}
