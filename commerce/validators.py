"""Checks on business identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments share the SIREN 356 000 000; their SIRETs use another key (the sum of
# the digits is a multiple of 5) because there are too many of them for the Luhn key.
LA_POSTE_SIREN = "356000000"


def luhn_ok(digits):
    """Whether a string of digits passes the Luhn check (every second digit from the right
    doubled, 9 subtracted above 9, the sum a multiple of 10)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        number = int(char)
        if position % 2:
            number *= 2
            if number > 9:
                number -= 9
        total += number
    return total % 10 == 0


def siret_ok(value):
    if len(value) != 14 or not value.isdigit():
        return False
    if value.startswith(LA_POSTE_SIREN) and value != LA_POSTE_SIREN + "00048":
        return sum(int(char) for char in value) % 5 == 0
    return luhn_ok(value)


def validate_siret(value):
    """A SIRET has 14 digits (SIREN + NIC) and a valid Luhn key; spaces are not allowed."""
    if not (len(value) == 14 and value.isdigit()):
        raise ValidationError(_("A SIRET has fourteen digits, without spaces."), code="siret_format")
    if not siret_ok(value):
        raise ValidationError(_("This SIRET is not valid: check the digits (Luhn key)."), code="siret_key")
