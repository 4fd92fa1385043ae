"use client";

// Settings → Delivery policy: the application's time zone, quiet hours and frequency
// caps, each rule in words beside it. Nothing applies until Save; the API's field
// errors come back on the fields they name.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { ApiRequestError } from "@/lib/client/api";
import { deliveryApi, deliveryKeys, type DeliveryPolicy } from "@/lib/client/delivery";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card, CardHeader } from "../ui/card";
import { cx } from "../ui/cx";
import { CheckIcon } from "../ui/icons";
import { CapsCard } from "./caps-card";
import { draftFrom, errorsFrom, isDirty, policyFrom, type PolicyDraft, type PolicyErrors } from "./policy-draft";
import { QuietHoursCard } from "./quiet-hours-card";
import { TimeZoneField } from "./time-zone-field";

export function DeliveryPolicyEditor({ initial }: { initial: DeliveryPolicy }) {
  const queryClient = useQueryClient();
  const { data: saved } = useQuery({
    queryKey: deliveryKeys.policy,
    queryFn: ({ signal }) => deliveryApi.policy(signal),
    initialData: initial,
    staleTime: 60_000,
  });
  const [draft, setDraft] = useState<PolicyDraft>(() => draftFrom(saved));
  const [errors, setErrors] = useState<PolicyErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [savedFlash, setSavedFlash] = useState(false);
  const dirty = isDirty(draft, saved);

  useEffect(() => {
    if (!savedFlash) return;
    const timer = setTimeout(() => setSavedFlash(false), 3000);
    return () => clearTimeout(timer);
  }, [savedFlash]);

  const save = useMutation({
    mutationFn: (policy: DeliveryPolicy) => deliveryApi.savePolicy(policy),
    onSuccess: (stored) => {
      queryClient.setQueryData(deliveryKeys.policy, stored);
      // The API spells the zone canonically ("europe/lisbon" → "Europe/Lisbon"): show what is kept.
      setDraft((current) => ({ ...current, timezone: stored.timezone }));
      setErrors({});
      setGeneral(null);
      setSavedFlash(true);
    },
    onError: (error) => {
      if (error instanceof ApiRequestError && error.details.length > 0) {
        setErrors(errorsFrom(error.details));
        setGeneral("Some fields need a change before the policy can be saved.");
      } else setGeneral(error.message);
    },
  });

  const change = (patch: Partial<PolicyDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setSavedFlash(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = policyFrom(draft);
    if ("errors" in result) {
      setErrors(result.errors);
      setGeneral("Some fields need a change before the policy can be saved.");
      return;
    }
    save.mutate(result.policy);
  };

  const discard = () => {
    setDraft(draftFrom(saved));
    setErrors({});
    setGeneral(null);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Delivery policy" className="space-y-6">
      <Card>
        <CardHeader title="Local time" description="Quiet hours are kept in each person's local time." />
        <div className="px-5 py-5">
          <TimeZoneField value={draft.timezone} onChange={(timezone) => change({ timezone })} error={errors.timezone} />
        </div>
      </Card>

      <QuietHoursCard draft={draft} errors={errors} onChange={change} />
      <CapsCard draft={draft} errors={errors} onChange={change} />

      <p className="px-1 text-sm leading-6 text-slate-500">
        Transactional messages are exempt from both, and so is a connector step or campaign set to <span className="font-medium text-slate-700">Send during quiet hours</span> or{" "}
        <span className="font-medium text-slate-700">Ignore frequency caps</span>. Held messages show on the Messages page with the time they go.
      </p>

      {/* With changes it stays in view while the form scrolls, so none is left unsaved unnoticed. */}
      <div
        className={cx(
          "flex flex-col gap-3 rounded-xl bg-white px-5 py-3.5 ring-1 sm:flex-row sm:items-center",
          dirty ? "sticky bottom-4 z-10 shadow-lg ring-slate-300" : "shadow-xs ring-slate-200/80",
        )}
        data-testid="policy-save-bar"
      >
        <div className="min-w-0 flex-1 text-sm" role="status">
          {general ? (
            <Alert className="py-2">{general}</Alert>
          ) : savedFlash ? (
            <span className="inline-flex items-center gap-1.5 font-medium text-emerald-700">
              <CheckIcon className="size-4" /> Saved. New messages follow this policy from now on.
            </span>
          ) : dirty ? (
            <span className="font-medium text-slate-700">You have unsaved changes.</span>
          ) : (
            <span className="text-slate-500">Applies to every connector and campaign of this application.</span>
          )}
        </div>
        <div className="flex shrink-0 items-center justify-end gap-2">
          {dirty ? (
            <Button variant="ghost" onClick={discard} disabled={save.isPending}>
              Discard
            </Button>
          ) : null}
          <Button type="submit" loading={save.isPending} disabled={!dirty && !general}>
            Save policy
          </Button>
        </div>
      </div>
    </form>
  );
}
