from django.http import JsonResponse
from django.shortcuts import render


def home(request):
    return render(request, "home.html")


def healthz(request):
    """A constant answer that touches neither the database nor a template: the load balancer's probe,
    and the load test's reference for what the server costs on its own."""
    return JsonResponse({"status": "ok"})
