from django.core.management.base import BaseCommand

from pathways.offer_services import offers_expire_all


class Command(BaseCommand):
    help = (
        "Release the offers (reablement starts and beds) whose deadline passed "
        "unanswered; run it every few minutes (cron)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{offers_expire_all()} offer(s) expired.")
