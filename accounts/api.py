from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView


class TokenInput(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)

    def validate(self, attrs):
        request = self.context.get("request")
        user = authenticate(request=request, username=attrs["email"], password=attrs["password"])
        if getattr(request, "axes_locked_out", False):
            # The same lockout as the login page (django-axes), answered as a rate limit.
            raise exceptions.Throttled(
                wait=settings.AXES_COOLOFF_TIME * 3600,
                detail=str(
                    _(
                        "Logging in to this account is locked for a while after repeated wrong "
                        "passwords. Try again later or reset your password."
                    )
                ),
            )
        if user is None:
            raise serializers.ValidationError(
                _("Wrong e-mail or password, or the e-mail is not confirmed yet."),
                code="authorization",
            )
        attrs["user"] = user
        return attrs


class TokenOutput(serializers.Serializer):
    token = serializers.CharField()


class ObtainTokenApi(APIView):
    """Exchange an e-mail and a password for an API token (``Authorization: Token …``)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=TokenInput,
        responses={
            200: TokenOutput,
            400: OpenApiResponse(description=_("Wrong e-mail or password.")),
            429: OpenApiResponse(description=_("Too many failed attempts: the account is locked.")),
        },
    )
    def post(self, request):
        serializer = TokenInput(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
