from django.shortcuts import render

from apps.reference.models import Industry, Prefecture


def landing(request):
    return render(
        request,
        "portal/landing.html",
        {
            "industries": Industry.objects.filter(is_active=True),
            "prefecture_count": Prefecture.objects.count(),
        },
    )
