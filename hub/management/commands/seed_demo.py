from django.core.management.base import BaseCommand

from hub.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Load fictional demo data once (safe to run again) and print the logins."

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=150)

    def handle(self, *args, people: int, **options):
        result = seed_demo(people=people)
        if result["cases"]:
            self.stdout.write(f"Created {result['cases']} demo cases.")
        else:
            self.stdout.write("Demo data already present: nothing added.")
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for (role, locality), user in sorted(result["users"].items()):
            self.stdout.write(
                f"  {user.username:28} {role}{' · ' + locality if locality else ''}"
            )
