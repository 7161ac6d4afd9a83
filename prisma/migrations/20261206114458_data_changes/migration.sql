-- CreateTable
CREATE TABLE "DataChange" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataChange_pkey" PRIMARY KEY ("id")
);


-- Statement-level triggers: every statement that changes at least one row of a table the public
-- surfaces (or a signed-in page's permissions) read adds one DataChange row, in the writer's own
-- transaction, so readers see it exactly when the data is committed. Statements that change nothing
-- add nothing (the transition table is empty).
CREATE FUNCTION shepherd_note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM changed_rows) THEN
    INSERT INTO "DataChange" DEFAULT VALUES;
  END IF;
  RETURN NULL;
END
$$;

-- A running qualification rewrites its row every few seconds (log, heartbeat, current step); only
-- what the public surfaces show of it (its outcome: the GA gate) counts as a change.
CREATE FUNCTION shepherd_note_qualification_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE o.status IS DISTINCT FROM n.status OR o."tasksPerSecond" IS DISTINCT FROM n."tasksPerSecond"
       OR o.reason IS DISTINCT FROM n.reason OR o.regressed IS DISTINCT FROM n.regressed OR o.tag IS DISTINCT FROM n.tag
  ) THEN
    INSERT INTO "DataChange" DEFAULT VALUES;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "Project" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "Project" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "Project" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "ReleasePolicy" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "ReleasePolicy" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "ReleasePolicy" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "ReleaseCycle" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "ReleaseCycle" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "ReleaseCycle" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "Milestone" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "Milestone" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "Milestone" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "MilestoneChange" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "MilestoneChange" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "MilestoneChange" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "Release" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "Release" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "Release" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "Person" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "Person" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "Person" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "CycleOwner" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "CycleOwner" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "CycleOwner" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "KubernetesSupport" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "KubernetesSupport" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "KubernetesSupport" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "KubernetesSupportEntry" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "KubernetesSupportEntry" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "KubernetesSupportEntry" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "LegacyKubernetesSupport" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "LegacyKubernetesSupport" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "LegacyKubernetesSupport" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "Deprecation" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "Deprecation" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "Deprecation" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "ReleaseDocImport" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "ReleaseDocImport" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "ReleaseDocImport" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "GaGateOverride" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "GaGateOverride" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "GaGateOverride" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "GaGateScope" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "GaGateScope" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "GaGateScope" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "GaRecord" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "GaRecord" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "GaRecord" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "Kep" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "Kep" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "Kep" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "KepFileProblem" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "KepFileProblem" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "KepFileProblem" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "KepTracking" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "KepTracking" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "KepTracking" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "KepStageShipment" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "KepStageShipment" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "KepStageShipment" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "KepPullRequest" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "KepPullRequest" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "KepPullRequest" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "KepTrackingIssue" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "KepTrackingIssue" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "KepTrackingIssue" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "KepLiaison" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "KepLiaison" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "KepLiaison" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "KepHistory" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "KepHistory" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "KepHistory" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "KepWriteBack" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "KepWriteBack" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "KepWriteBack" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "KubernetesRelease" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "KubernetesRelease" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "KubernetesRelease" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "KubernetesException" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "KubernetesException" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "KubernetesException" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "GithubRepository" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "GithubRepository" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "GithubRepository" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "GithubMilestone" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "GithubMilestone" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "GithubMilestone" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "GithubLabel" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "GithubLabel" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "GithubLabel" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "GithubRelease" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "GithubRelease" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "GithubRelease" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "GithubTag" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "GithubTag" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "GithubTag" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "User" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "User" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "User" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "RoleGrant" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "RoleGrant" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "RoleGrant" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "Qualification" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "Qualification" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_qualification_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "Qualification" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "PrrApproval" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "PrrApproval" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "PrrApproval" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_insert AFTER INSERT ON "KepReleaseTeamRecord" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_update AFTER UPDATE ON "KepReleaseTeamRecord" REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
CREATE TRIGGER shepherd_data_change_delete AFTER DELETE ON "KepReleaseTeamRecord" REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION shepherd_note_data_change();
