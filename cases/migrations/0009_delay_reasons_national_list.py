"""The national reasons for discharge delay, as reference data.

From NHS England's acute discharge situation report (sitrep), "reasons for
discharge delay" (2023/24 collection), grouped as the collection groups
them. The administrator may reword, add or retire reasons in the admin;
this migration only seeds the list and never overwrites a reworded one.
"""

from django.db import migrations

REASONS = [
    # (code, group, pathway, label)
    ("medical-decision", "Hospital process", None,
     "Awaiting a medical decision or intervention, including writing the "
     "discharge summary"),
    ("therapy-decision", "Hospital process", None,
     "Awaiting a therapy decision or intervention to proceed with discharge, "
     "including onward referrals and ordering equipment"),
    ("referral-to-spa", "Hospital process", None,
     "Awaiting referral to the community single point of access"),
    ("spa-confirmation", "Hospital process", None,
     "Awaiting confirmation from the community hub or single point of access "
     "that the referral was received and actioned"),
    ("medicines-tto", "Hospital process", None,
     "Awaiting medicines to take home"),
    ("transport", "Hospital process", None, "Awaiting transport"),
    ("criteria-later-met", "Hospital process", None,
     "Declared not meeting the criteria to reside at the morning board round, "
     "then meeting them later in the day, so discharge stopped"),
    ("pathway-1-care-at-home", "Pathway 1", 1,
     "Pathway 1: awaiting resource for assessment and the start of care at "
     "home"),
    ("pathway-2-rehab-bed", "Pathway 2", 2,
     "Pathway 2: awaiting a rehabilitation bed in a community hospital or "
     "other bed-based setting"),
    ("pathway-3-care-home", "Pathway 3", 3,
     "Pathway 3: awaiting a bed in a residential or nursing home likely to be "
     "a permanent placement"),
    ("equipment-adaptations", "Community", None,
     "Awaiting community equipment and adaptations to housing"),
    ("person-family-disagree", "Person and family", None,
     "The person or their family not in agreement with the discharge plans"),
    ("homeless-no-place", "Person and family", None,
     "Homeless, no recourse to public funds, or no place to discharge to"),
    ("safeguarding-cop", "Person and family", None,
     "A safeguarding concern preventing discharge, or the Court of Protection"),
    ("repatriation", "Other", None,
     "Repatriation or transfer to another acute trust for specialist or "
     "ongoing treatment"),
    ("infection-isolation", "Other", None,
     "Remains in isolation for an infectious disease or an outbreak"),
    ("other", "Other", None, "Discharge delayed for another reason"),
]


def seed(apps, schema_editor):
    DelayReason = apps.get_model("cases", "DelayReason")
    for order, (code, group, pathway, label) in enumerate(REASONS, start=1):
        DelayReason.objects.get_or_create(
            code=code,
            defaults={
                "group": group,
                "pathway": pathway,
                "label": label,
                "order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_referral_residence_drd")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
