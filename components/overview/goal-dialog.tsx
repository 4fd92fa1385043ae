"use client";

// Sets or removes a connector's goal with PUT /api/v1/connectors/{id} { goal }.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { eventsApi } from "@/lib/client/connectors";
import { connectorKeys, eventKeys } from "@/lib/client/query-keys";
import type { ConnectorGoal } from "@/lib/server/analytics/connector-goal";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { Field, Input } from "../ui/input";

const DEFAULT_HOURS = 168;

export function GoalDialog({ connector, onClose }: { connector: { id: string; name: string; goal: ConnectorGoal | null }; onClose: () => void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const id = useId();
  const [event, setEvent] = useState(connector.goal?.event ?? "");
  const [hours, setHours] = useState(String(connector.goal?.withinHours ?? DEFAULT_HOURS));
  const names = useQuery({ queryKey: eventKeys.names, queryFn: ({ signal }) => eventsApi.names(signal), staleTime: 60_000 });

  const save = useMutation({
    mutationFn: (goal: { event: string; withinHours: number } | null) =>
      apiFetch(`/api/v1/connectors/${encodeURIComponent(connector.id)}`, { method: "PUT", body: { goal } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: connectorKeys.all });
      router.refresh();
      onClose();
    },
  });
  const problem =
    save.error instanceof ApiRequestError && save.error.details.length
      ? save.error.details.map((d) => `${d.path}: ${d.message}`).join("; ")
      : save.error?.message;

  return (
    <Dialog
      open
      onClose={onClose}
      dismissible={!save.isPending}
      title={`Goal for ${connector.name}`}
      description="A user who enters this connector converts when they log the goal event afterwards, within the window."
      footer={
        <>
          {connector.goal ? (
            <Button variant="ghost" className="mr-auto" onClick={() => save.mutate(null)} disabled={save.isPending}>
              Remove goal
            </Button>
          ) : null}
          <Button variant="secondary" onClick={onClose} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" form={`${id}-form`} loading={save.isPending}>
            Save goal
          </Button>
        </>
      }
    >
      <form
        id={`${id}-form`}
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ event: event.trim(), withinHours: Number(hours) });
        }}
      >
        <Field id={`${id}-event`} label="Goal event" hint="For example PURCHASE or SIGNUP: pick one your app sends.">
          <Input id={`${id}-event`} list={`${id}-names`} value={event} onChange={(e) => setEvent(e.target.value)} required maxLength={200} autoFocus />
          <datalist id={`${id}-names`}>
            {(names.data?.names ?? []).map((n) => (
              <option key={n.event} value={n.event} />
            ))}
          </datalist>
        </Field>
        <Field id={`${id}-hours`} label="Within (hours)" hint="168 hours is one week.">
          <Input id={`${id}-hours`} type="number" min={1} max={8760} step={1} value={hours} onChange={(e) => setHours(e.target.value)} required className="w-32" />
        </Field>
        {problem ? <Alert tone="danger">{problem}</Alert> : null}
      </form>
    </Dialog>
  );
}
