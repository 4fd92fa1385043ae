// Sends user ids to a manual segment in chunks the API accepts, adding up what it answers.
import { MEMBER_IDS_PER_CALL, segmentsApi } from "@/lib/client/segments";

export async function addMembersInChunks(segmentId: string, userIds: string[]): Promise<{ added: number; alreadyMembers: number }> {
  let added = 0;
  for (let i = 0; i < userIds.length; i += MEMBER_IDS_PER_CALL) {
    added += (await segmentsApi.addMembers(segmentId, userIds.slice(i, i + MEMBER_IDS_PER_CALL))).added;
  }
  return { added, alreadyMembers: userIds.length - added };
}
