CREATE TABLE "network_members" (
	"coordinator_organisation_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"added_by_user_id" uuid,
	"coordinator_agreed_at" timestamp with time zone,
	"coordinator_agreed_by_user_id" uuid,
	"member_agreed_at" timestamp with time zone,
	"member_agreed_by_user_id" uuid,
	CONSTRAINT "network_members_coordinator_organisation_id_organisation_id_pk" PRIMARY KEY("coordinator_organisation_id","organisation_id")
);
--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_coordinator_organisation_id_organisations_id_fk" FOREIGN KEY ("coordinator_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_added_by_user_id_users_id_fk" FOREIGN KEY ("added_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_coordinator_agreed_by_user_id_users_id_fk" FOREIGN KEY ("coordinator_agreed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_member_agreed_by_user_id_users_id_fk" FOREIGN KEY ("member_agreed_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "network_members_organisation_idx" ON "network_members" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "network_members_active_idx" ON "network_members" USING btree ("coordinator_organisation_id") WHERE "network_members"."coordinator_agreed_at" IS NOT NULL AND "network_members"."member_agreed_at" IS NOT NULL;