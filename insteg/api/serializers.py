from rest_framework import serializers

from insteg.accounts.models import Organisation


class OrganisationSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind"]


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField()
    role = serializers.CharField(allow_null=True, help_text="The role the person works in (first membership).")
    roles = serializers.ListField(child=serializers.CharField(), help_text="Every role the person has.")
    organisation = OrganisationSummarySerializer(allow_null=True)

    @classmethod
    def for_user(cls, user) -> "MeSerializer":
        membership = user.membership
        return cls(
            {
                "username": user.username,
                "name": user.name,
                "role": membership.role if membership else None,
                "roles": sorted(user.roles),
                "organisation": membership.organisation if membership else None,
            }
        )
