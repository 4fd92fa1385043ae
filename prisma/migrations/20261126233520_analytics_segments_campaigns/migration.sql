-- AlterTable
ALTER TABLE "Connector" ADD COLUMN     "goal" JSONB;

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "campaignId" TEXT;

-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "refreshedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "EventCount" (
    "appId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "EventCount_pkey" PRIMARY KEY ("appId","hour","name")
);

-- CreateTable
CREATE TABLE "ActiveDay" (
    "appId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "ActiveDay_pkey" PRIMARY KEY ("appId","day","userId")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "segmentId" TEXT,
    "segmentName" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "title" TEXT,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "url" TEXT,
    "sendAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "cursor" TEXT,
    "leasedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Campaign_status_sendAt_idx" ON "Campaign"("status", "sendAt");

-- CreateIndex
CREATE INDEX "Campaign_appId_createdAt_idx" ON "Campaign"("appId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_campaignId_userId_key" ON "Message"("campaignId", "userId");

-- AddForeignKey
ALTER TABLE "EventCount" ADD CONSTRAINT "EventCount_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActiveDay" ADD CONSTRAINT "ActiveDay_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Backfill the rollups from events matched before they existed; events still unmatched
-- are counted by the matcher when it claims them.
INSERT INTO "EventCount" ("appId", "name", "hour", "count")
SELECT "appId", "name", date_trunc('hour', "timestamp"), count(*)::int FROM "Event"
WHERE "matchedAt" IS NOT NULL GROUP BY 1, 2, 3;

INSERT INTO "ActiveDay" ("appId", "day", "userId")
SELECT DISTINCT "appId", "timestamp"::date, "userId" FROM "Event"
WHERE "matchedAt" IS NOT NULL AND "name" = 'app.open';
